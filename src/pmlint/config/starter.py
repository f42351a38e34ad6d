"""The `.pmlint.yaml` that `pmlint init` writes: every default, commented."""

STARTER_CONFIG = """\
# pmlint configuration (README, "Configuration"; `pmlint rules` lists every rule).
# As written it changes nothing: every setting below is pmlint's default or commented
# out. Uncomment what you want to change.

extends: core                 # the rule pack (default core; also google-sre, pagerduty,
                              # atlassian, or a path to a pack folder)

# Times written without a zone are read in this zone (an IANA name such as Europe/Berlin,
# or UTC). Setting it also turns PM101 (timestamp-missing-timezone) quiet for them.
# timezone: UTC

# Which files a folder holds, relative to this file (gitignore style). By default every
# *.md and *.markdown but README, CHANGELOG, CONTRIBUTING and the like, and templates;
# setting exclude: replaces that list.
# include: ["**/*.md"]
# exclude: ["templates/**", "README.md"]

# rules:
#   PM002: off                  # turn a rule off, by id or by name
#   placeholder-text: error     # change a rule's severity
#   PM004:                      # missing-metadata is off by default: list your fields
#     severity: warning
#     options:
#       fields: [date, authors, status, severity]

# Rule settings for some files only (globs relative to this file):
# overrides:
#   - files: ["archive/**"]
#     rules: {PM004: off}

# Extra titles for canonical sections (see `pmlint explain PM001`):
# sections:
#   impact: ["Customer effect"]

# Folders of your own YAML rules (README, "Writing your own rules"):
# rules_dirs: [pmlint-rules]

# Configs in folders above this one apply too (this one wins); true stops that.
# root: true

# nlp:
#   model: auto                 # auto, blank, or a spaCy package such as en_core_web_sm
"""

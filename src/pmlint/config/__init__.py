"""`.pmlint.yaml` / `[tool.pmlint]`: discovery by walking up from each file, validation, packs.

model: what a Config is; files: finding and reading config files; build: validating them
into a Config; starter: the file `pmlint init` writes.
"""

from pmlint.config.build import load_config, valid_timezone
from pmlint.config.files import find_config_file
from pmlint.config.model import (
    CONFIG_NAMES,
    DEFAULT_EXCLUDE,
    DEFAULT_INCLUDE,
    DEFAULT_RULE_TIMEOUT,
    TOP_KEYS,
    Config,
    ConfigError,
    Override,
    WorkingHours,
    core_given_names,
)
from pmlint.config.starter import STARTER_CONFIG

__all__ = [
    "CONFIG_NAMES",
    "DEFAULT_EXCLUDE",
    "DEFAULT_INCLUDE",
    "DEFAULT_RULE_TIMEOUT",
    "STARTER_CONFIG",
    "TOP_KEYS",
    "Config",
    "ConfigError",
    "Override",
    "WorkingHours",
    "core_given_names",
    "find_config_file",
    "load_config",
    "valid_timezone",
]

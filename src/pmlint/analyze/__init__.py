"""`pmlint analyze`: incident metrics per document and across a repository."""

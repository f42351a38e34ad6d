"""Facts computed once per document and shared by rules and the analyzer."""

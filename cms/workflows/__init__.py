"""Editorial roles and workflows, requests for changes and the editor's guide. App label ``sen_workflows``."""

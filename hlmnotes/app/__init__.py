"""The application layer: ``Workspace`` holds every use case over one store; widgets and the CLI call it."""

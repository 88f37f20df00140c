"""The interfaces: the command line (cli), the web API (webb) and its server (server)."""

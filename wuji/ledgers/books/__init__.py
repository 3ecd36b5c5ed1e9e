"""One module per ledger; every module here is imported by the registry on first use."""

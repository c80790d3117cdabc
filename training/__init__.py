"""Training code for the embedded models. It reads ../shared/data, imports models/, and is
never imported by models/ or the app at run time."""

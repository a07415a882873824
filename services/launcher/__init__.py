"""`claimwatch up`: start the whole stack locally as separate processes and stop it cleanly."""

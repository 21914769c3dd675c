"""Services of the openness campaigns: ``<entity>_<verb>(*, ..., actor)``, atomic, locked, audited."""

"""The voter's full-screen view: ``podium vote``."""

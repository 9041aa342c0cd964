"""UI strings, one module per page or concern: ``TEXT = {key: (zh, en)}``."""

"""ankang (安康): a self-hostable AI health butler."""

__version__ = "0.1.0"

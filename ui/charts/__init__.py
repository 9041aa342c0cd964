"""Plotly figure builders: arrays in, figures out. No arithmetic beyond arranging what to show."""

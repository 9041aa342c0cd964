"""Streamlit-side helpers: i18n, content loading, figure builders, shared widgets."""

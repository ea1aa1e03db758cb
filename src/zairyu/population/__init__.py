"""Populations: a synthetic population calibrated to published statistics, and simulations of
reforms on it (`zairyu simulate`)."""

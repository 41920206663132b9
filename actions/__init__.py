"""Senda's action server: custom actions, the /nlg route and the shared content code."""

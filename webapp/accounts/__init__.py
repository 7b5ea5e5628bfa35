"""Accounts: logging in and out, sessions, passwords and their policy, the bureau's account list,
and the access helpers every view uses (load and authorise in one call). Rule: a view loads an
object only through access.py's helpers.
"""

"""webapp: the Flask application — HTTP, forms, the database, transactions and the CLI.

Rule: views stay thin and call ``webapp.operations``, the one place that commits; scoring is
``checklist``'s and documents are ``reports``'. Nothing below this package imports it.
"""

from webapp.app import create_app

__all__ = ["create_app"]

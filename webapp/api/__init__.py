"""The JSON API v1 (/api/v1/): bearer tokens per account, an OpenAPI document, and the same
scoping, validation and version check as the web pages."""

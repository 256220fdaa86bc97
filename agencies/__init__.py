"""Agencies in the network: accounts, roles, agency-scoped permissions and moderation."""

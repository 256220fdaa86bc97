"""What every area of the portal shares: base page mixins, blocks, caching, pagination,
and the protection of public forms. Domain apps import from here; core imports no domain app."""

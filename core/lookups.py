"""`field__any=[...]`: the `in` lookup, sent to PostgreSQL as one array parameter.

`pk__in=ids` writes one placeholder per id. psycopg turns each placeholder into its own
server parameter in Python (`_split_query`), and a statement that long is never cached: a
facet count over the 3,000 matches of a broad search spent about 55 ms per query there
(bench/README.md, issue 20). `= ANY(%s)` with the list as one array costs the same whatever
its length. Other databases get the `in` lookup unchanged.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import Field, ForeignObject, IntegerField
from django.db.models.lookups import In


def _integer_field(field):
    """The integer column a field stores (a foreign key's target's), else None."""
    field = getattr(field, "target_field", field)
    return field if isinstance(field, IntegerField) else None


@ForeignObject.register_lookup
@Field.register_lookup
class Any(In):
    lookup_name = "any"

    def _plain_integers(self):
        """Whether the values are ints for an integer column: they need no preparing (the
        ids of thousands of matches were each prepared twice)."""
        return (
            isinstance(self.rhs, (list, tuple))
            and _integer_field(getattr(self.lhs, "output_field", None)) is not None
            and all(type(value) is int for value in self.rhs)
        )

    def get_prep_lookup(self):
        # Asked once (lookups prepare their value when they are made), kept for as_postgresql.
        self.plain_integers = self._plain_integers()
        if self.plain_integers:
            return self.rhs
        return super().get_prep_lookup()

    def as_postgresql(self, compiler, connection):
        if not self.rhs_is_direct_value():
            return self.as_sql(compiler, connection)
        field = self.lhs.output_field
        if getattr(self, "plain_integers", False):
            values = list(dict.fromkeys(self.rhs))
        else:
            values = list(
                dict.fromkeys(
                    field.get_db_prep_value(value, connection, prepared=True)
                    for value in self.rhs
                    if value is not None
                )
            )
        if not values:
            raise EmptyResultSet
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs_sql} = ANY(%s)", (*lhs_params, values)

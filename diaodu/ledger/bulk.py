"""Inserting many new records with their primary keys back, without a model instance and a compiler pass each.

`QuerySet.bulk_create` builds a model instance per record and sends every value through the query compiler
(pre_save, get_db_prep_save, a placeholder per value): for a ledger of 10,000 projects and their plans that
was a quarter of the import's time, ten times what the database took to store the rows. `insert_records`
writes the same rows — every concrete column, the model's defaults for what a record does not say, values
prepared by their fields as Django prepares them — in the same batches, `INSERT … VALUES … RETURNING pk`.
The preparation is only short-cut where it is an identity (text in a text column, an integer in an integer
column) or the same for equal values (a date). Records of a model this does not know how to write (a
database default, a field with its own placeholder, a backend without RETURNING) go through bulk_create.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection, models
from django.db.models.fields import NOT_PROVIDED

TEXT_FIELDS = (models.CharField, models.TextField)
INTEGER_FIELDS = (
    models.IntegerField,
    models.BigIntegerField,
    models.SmallIntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.PositiveBigIntegerField,
    models.BooleanField,
)
AUTO_FIELDS = (models.AutoField, models.BigAutoField, models.SmallAutoField)


def _identity_for(field, kinds: tuple[type, ...]):
    """A value of one of `kinds` (exactly) goes in as it is; anything else as the field prepares it."""

    def prepare(value):
        if value is None or type(value) in kinds:
            return value
        return field.get_db_prep_save(value, connection)

    return prepare


def _decimal(field):
    """A Decimal goes to the backend's adapter directly: DecimalField.to_python would return it as it is."""
    adapt = connection.ops.adapt_decimalfield_value

    def prepare(value):
        if value is None or (type(value) is Decimal and value.is_finite()):
            return adapt(value, field.max_digits, field.decimal_places)
        return field.get_db_prep_save(value, connection)

    return prepare


def _memoised(field):
    """Equal dates are stored alike: prepared once each (a ledger has a few hundred distinct dates)."""
    prepared = {}

    def prepare(value):
        if value is not None and type(value) is not dt.date:
            return field.get_db_prep_save(value, connection)
        if value not in prepared:
            prepared[value] = field.get_db_prep_save(value, connection)
        return prepared[value]

    return prepare


def _text(field):
    """Any str (a choice member too) is stored as it is: CharField.to_python returns it unchanged."""

    def prepare(value):
        if value is None or isinstance(value, str):
            return value
        return field.get_db_prep_save(value, connection)

    return prepare


def _preparer(field):
    kind = type(field)
    if kind in TEXT_FIELDS:
        return _text(field)
    if kind in INTEGER_FIELDS:
        return _identity_for(field, (bool,) if kind is models.BooleanField else (int,))
    if kind is models.ForeignKey and type(field.target_field) in AUTO_FIELDS:
        return _identity_for(field, (int,))
    if kind is models.DecimalField:
        return _decimal(field)
    if kind is models.DateField:
        return _memoised(field)
    return lambda value: field.get_db_prep_save(value, connection)


def _stamped(field) -> bool:
    return isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add)


def _own_pre_save(field) -> bool:
    """A field that changes its value on save (a file, a date stamped with today): left to bulk_create."""
    if isinstance(field, models.DateField):
        return not _stamped(field) and (field.auto_now or field.auto_now_add)
    return type(field).pre_save is not models.Field.pre_save


def _writable(fields) -> bool:
    return connection.features.can_return_rows_from_bulk_insert and not any(
        field.db_default is not NOT_PROVIDED
        or hasattr(field, "get_placeholder")
        or field.generated
        or _own_pre_save(field)
        for field in fields
    )


def insert_records(model, records: list[dict], *, now: dt.datetime) -> list[int]:
    """Insert one row per record (attribute name → value); their primary keys, in order.

    What a record does not say is the field's default, as `Model(**record)` would give; created_at and
    updated_at (auto_now fields) are `now` for every row of the import.
    """
    if not records:
        return []
    pk = model._meta.pk
    fields = [field for field in model._meta.concrete_fields if field is not pk or type(pk) not in AUTO_FIELDS]
    if not _writable(fields):
        saved = model._default_manager.bulk_create([model(**record) for record in records])
        return [record.pk for record in saved]
    columns = []  # (attribute name, constant prepared value or None, preparer, default)
    for field in fields:
        if _stamped(field):
            columns.append((field.attname, field.get_db_prep_save(now, connection), None, None))
            continue
        constant_default = not (field.has_default() and callable(field.default))
        default = field.get_default() if constant_default else field.get_default
        columns.append((field.attname, None, _preparer(field), (constant_default, default)))
    unknown = set().union(*records) - {name for name, *_rest in columns}
    if unknown:  # Model(**record) would refuse them too: a misspelt attribute is not silently dropped
        raise TypeError(f"{model.__name__} has no field {', '.join(sorted(unknown))}")
    ops = connection.ops
    batch = max(ops.bulk_batch_size(fields, records), 1)
    returning, returning_params = ops.return_insert_columns([pk])
    table = ops.quote_name(model._meta.db_table)
    names = ", ".join(ops.quote_name(field.column) for field in fields)
    placeholders = ["%s"] * len(fields)
    pks = []
    with connection.cursor() as cursor:
        for offset in range(0, len(records), batch):
            chunk = records[offset : offset + batch]
            params = []
            for record in chunk:
                for name, constant, prepare, default in columns:
                    if prepare is None:
                        params.append(constant)
                    elif name in record:
                        params.append(prepare(record[name]))
                    else:
                        params.append(prepare(default[1] if default[0] else default[1]()))
            values = ops.bulk_insert_sql(fields, [placeholders] * len(chunk))
            # Table and column names come from the model's _meta, the values are parameters.
            cursor.execute(f"INSERT INTO {table} ({names}) {values} {returning}", [*params, *returning_params])
            pks.extend(row[0] for row in ops.fetch_returned_insert_rows(cursor))
    return pks

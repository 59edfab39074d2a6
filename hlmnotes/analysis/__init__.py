"""Read-only views of the records: pandas tables, charts, the balance by regional group, the Chair's table,
and the records reconciled with the programme as held."""

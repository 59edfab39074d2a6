"""Files in and out: interventions as CSV, XLSX and JSON, speakers' lists, streaming row limits, demo records."""

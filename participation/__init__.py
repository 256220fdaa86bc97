"""Public participation: complaints and feedback about public services (issue 13).

A visitor files a report, gets a tracking code and a secret, and follows it at /pengaduan/lacak/;
moderators verify and route it to an agency, whose liaisons answer it. Deadlines count working
days in WITA. Personal data stays with the report: never in the search index, the API, public
exports or logs, and it is anonymised after the retention period.
"""

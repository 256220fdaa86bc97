"""The English edition: locales, translation status for editors, the bilingual glossary that
English search uses over Indonesian text (docs/english.md)."""

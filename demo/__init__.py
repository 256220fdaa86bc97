"""Demo content for `manage.py load_demo`: data files under demo/data/, one loader.

The content lives in YAML (demo/data/<area>.yaml); the code here only reads it, draws the
pictures and documents it names (demo/media.py) and creates what is missing, so a second run
changes nothing. demo/README.md says how an area adds its demo.
"""

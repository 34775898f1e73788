"""Field rules (PL201–PL207): what each entry says, mostly stated by the schema.

Each rule is a module of this package; this module holds what its rules share.
"""

from __future__ import annotations

USE_INSTEAD = """
    Use instead:
    ```markdown
    #### A Paper
    - `Keypoints:` a; b
    - `Objective:` c
    ```
"""

"""What every archive's mkdocs.yml would otherwise repeat, applied by the adapter.

An archive's mkdocs.yml holds what is its own (name, address, settings) and a
hook that imports the adapter; the theme's overrides, the site's CSS and
JavaScript, the Markdown extensions the author guide uses and the navigation
of the archive's pages ship with the package, so that an upgrade changes no
file of the archive. An archive that sets one of these itself keeps its own.
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig

from rapportarkiv.catalogue import SITE_NAV

OVERRIDES = Path(__file__).parent / "overrides"
CSS = "assets/rapportarkiv.css"
JAVASCRIPT = ("assets/rapportarkiv.js", "assets/reading.js")
EXTENSIONS = ("admonition", "attr_list")
FEATURES = ("navigation.prune", "navigation.top", "content.tooltips")


def apply(config: MkDocsConfig) -> None:
    """Adds the package's theme files and defaults to ``config`` (see the module)."""
    theme = config.theme
    # After the archive's own custom_dir (if any), before Material's templates.
    custom = 1 if theme.custom_dir else 0
    if str(OVERRIDES) not in theme.dirs:
        theme.dirs.insert(custom, str(OVERRIDES))
    theme["font"] = False  # No web fonts: a reader's browser contacts no host but ours.
    for feature in FEATURES:
        if feature not in theme["features"]:
            theme["features"].append(feature)
    if not theme.get("palette"):
        theme["palette"] = {"scheme": "default", "primary": "custom", "accent": "custom"}
    if CSS not in [str(css) for css in config.extra_css]:
        config.extra_css.append(CSS)
    for script in JAVASCRIPT:
        if script not in [str(given) for given in config.extra_javascript]:
            config.extra_javascript.append(ExtraScriptValue(script))
    for extension in EXTENSIONS:
        if extension not in config.markdown_extensions:
            config.markdown_extensions.append(extension)
    config.mdx_configs.setdefault("toc", {}).setdefault("permalink", False)
    # Reports are reached through the archive's pages and search, never the nav.
    config.validation.nav.omitted_files = logging.DEBUG
    if config.nav is None:
        config.nav = copy.deepcopy(SITE_NAV)

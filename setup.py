"""The package list, the one thing pyproject.toml cannot say: every discovered `counter_app*`
package plus `counter_app.resources`, which is the top-level resources/ folder (fonts,
catalogue, translations, icons). Everything else is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["counter_app*"]), "counter_app.resources"],
    package_dir={"counter_app.resources": "resources"},
)

"""The registry's tests run on both backends (tests.registry.backends)."""

from tests.registry.backends import registries, registry_target  # noqa: F401 - fixtures

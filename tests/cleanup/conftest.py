"""The cleanup's tests that go through the registry run on both backends (tests.registry.backends)."""

from tests.registry.backends import registries, registry_target  # noqa: F401 - fixtures

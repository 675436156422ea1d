from tests.registry.backends import registries, registry_target  # noqa: F401 - fixtures for the web tests

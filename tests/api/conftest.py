"""The API tests see the site's occupation coder: without one its endpoints answer 503."""

from tests.labour.conftest import coder_file_path, site_coder  # noqa: F401 - fixtures

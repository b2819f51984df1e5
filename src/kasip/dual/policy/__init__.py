"""Who may see and do what in dual training, one module per area (see each module's docstring)."""

from .contracts import *  # noqa: F403
from .logbook import *  # noqa: F403
from .places import *  # noqa: F403
from .places import COLLEGE_STAFF, PLACE_READERS  # noqa: F401

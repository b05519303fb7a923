"""What the feature apps hear from the community layer.

``language_changed`` is sent (inside the transaction) when a community's language
changes: each feature app rewrites its method-default texts in the new language
and answers with the number of edited texts it left as typed.
"""

from django.dispatch import Signal

language_changed = Signal()  # sender=Community; community, old, new

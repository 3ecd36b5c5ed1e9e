"""The REST API (Django REST framework): the same scope, filters and masking as the pages; OpenAPI at /api/schema/."""

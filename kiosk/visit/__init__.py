"""Qt-free core of "Request a visit": the request, its validation, the outbox and delivery."""

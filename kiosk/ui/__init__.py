"""The kiosk's screens: they show a :class:`kiosk.session.View` and forward touches."""

"""The front desk of a visit request: check it, store it durably, wake the delivery worker.

One object the composition root owns, so the window never touches the outbox or the network.
:meth:`RequestDesk.open` returns None (and logs why, without patient data) when the outbox
cannot be opened, and the kiosk then offers the visit page instead of a form that could not
keep its promise. A delivery channel with bad settings drops only itself, never the form.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from kiosk.config import Config, DeliveryConfig
from kiosk.visit.delivery import DeliveryWorker, channels_from_config
from kiosk.visit.errors import describe
from kiosk.visit.model import FormInput, FormResult, check_form
from kiosk.visit.outbox import Outbox

log = logging.getLogger(__name__)


class RequestDesk:
    def __init__(self, config: Config, outbox: Outbox, worker: DeliveryWorker) -> None:
        self._config = config
        self.outbox = outbox
        self.worker = worker

    @classmethod
    def open(cls, config: Config, data_dir: Path) -> RequestDesk | None:
        """Open the outbox in ``data_dir`` and prepare (not start) the delivery worker.

        A channel whose settings cannot be used is left out (logged by
        :func:`channels_from_config`); the others still deliver.
        """
        try:
            channels = channels_from_config(config, data_dir)
        except Exception as error:  # not even the default folder channel: no form, no crash
            log.error(
                "visit requests are off: no delivery channel can be set up (%s)", describe(error)
            )
            return None
        try:
            outbox = Outbox(data_dir, [channel.name for channel in channels])
        except Exception as error:  # any failure: no form, never a crash
            log.error(
                "visit requests are off: the outbox in %s cannot be opened (%s)",
                data_dir,
                type(error).__name__,
            )
            return None
        worker = DeliveryWorker(
            outbox, channels, retry_max_seconds=float(config.delivery.retry_max_seconds)
        )
        return cls(config, outbox, worker)

    @property
    def delivery(self) -> DeliveryConfig:
        """The delivery settings as used: only the channels that could be built.

        Differs from ``config.delivery`` when a channel was left out at run time (or the folder
        channel stood in for all of them); the privacy note must follow this one.
        """
        used = tuple(self.worker.channels)
        settings = self._config.delivery
        return (
            settings if used == settings.channels else dataclasses.replace(settings, channels=used)
        )

    @property
    def locations(self) -> tuple[str, ...]:
        return self._config.clinic.locations

    def start(self) -> None:
        self.worker.start()

    def submit(self, form: FormInput) -> FormResult:
        """Check the form; if it is complete, commit it to disk before returning.

        Raises whatever the outbox raises when it cannot store the request; the caller tells
        the patient, so a request is never silently dropped.
        """
        result = check_form(form, region=self._config.clinic.region, locations=self.locations)
        if result.request is not None:
            self.outbox.submit(result.request)
            log.info("visit request %s stored", result.request.id)
            self.worker.wake()
        return result

    def try_now(self) -> None:
        """Attempt every waiting request now (the staff panel's "Try sending now")."""
        log.info("delivery: staff asked to try sending now")
        self.worker.try_now()

    def close(self) -> None:
        """Stop delivery (within a few seconds, whatever the network does), then the outbox.

        Attempts in progress are cut and not counted; their requests stay waiting and are
        tried again at the next start.
        """
        self.worker.stop()
        self.outbox.close()

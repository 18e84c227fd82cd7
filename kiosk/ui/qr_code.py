"""A page to take home: the QR code of the clinic's web page on the page's topic, and its caption.

The code is made here, with ``segno``, from the page's ``home_url`` only (nothing about the
patient goes into it; no network). Error correction M, never boosted, so the symbol's version
follows the address's length alone, which :data:`kiosk.content.pagefile.MAX_HOME_URL_CHARS`
bounds.

It is painted square by square with QPainter in device pixels: every module is the same whole
number of pixels, no smoothing and no scaled image, so its edges stay sharp at any text step
and screen scale. The code keeps its own white square, quiet zone (four modules) included, in
both palettes: phone cameras read dark modules on light, and the high-contrast palette is light
on black. These two colours are the code's own, not the palette's, for that reason.

A screen reader hears "QR code: scan to read this page at home"; the caption under the code says
the same in words for everyone ("Scan to read this at home"), never only the address.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.theme import Theme

QR_SIDE_PX = 180
"""Side of the code's white square (logical pixels, not scaled by the text step: a phone reads
it the same at every step). At the longest address allowed (77 modules) a module is 2 pixels,
about half a millimetre on a 24-inch 1920x1080 screen, which phones read from a hand's length."""
QUIET_ZONE_MODULES = 4
"""The light margin round the code that the QR standard asks for, in modules."""
CAPTION_WIDTH_PX = 170
"""Width the caption wraps at (scaled by the text step; never narrower than the code): two
short lines at the largest text step."""
CODE_LIGHT = "#FFFFFF"
"""The code's light square, in both palettes (see the module docstring)."""
CODE_DARK = "#000000"
"""The code's dark modules: 21:1 on its square."""
ERROR_CORRECTION = "m"
"""Level M: about 15 % of the code may be soiled or hidden by a glare and it still reads."""


def code_matrix(address: str) -> tuple[tuple[bool, ...], ...]:
    """The code's modules for ``address``, quiet zone included: rows of True for dark."""
    # Imported here: segno's writers load urllib, http.client and ssl (30 ms, memory), which
    # the attract screen must not wait for; the first page with a code pays once.
    import segno

    code = segno.make_qr(address, error=ERROR_CORRECTION, boost_error=False)
    return tuple(
        tuple(bool(module) for module in row) for row in code.matrix_iter(border=QUIET_ZONE_MODULES)
    )


class QrCode(QWidget):
    """The QR code of one address, as crisp squares on its own white square."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._address: str | None = None
        self._matrix: tuple[tuple[bool, ...], ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(QR_SIDE_PX, QR_SIDE_PX)
        self.retranslate()

    @property
    def address(self) -> str | None:
        return self._address

    @property
    def modules(self) -> int:
        """Modules along a side, quiet zone included (0: no code)."""
        return len(self._matrix)

    def set_address(self, address: str | None) -> None:
        """Show the code of ``address`` (None: no code, and the widget hides)."""
        if address != self._address:
            self._address = address
            self._matrix = code_matrix(address) if address else ()
            self.update()
        self.setVisible(bool(address))

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("QR code: scan to read this page at home"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def module_pixels(self, ratio: float = 1.0) -> int:
        """A module's side in device pixels at device pixel ratio ``ratio`` (a whole number)."""
        if not self._matrix:
            return 0
        return max(1, int(min(self.width(), self.height()) * ratio) // len(self._matrix))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(self.rect(), QColor(CODE_LIGHT))
        if self._matrix:
            ratio = self.devicePixelRatioF()
            painter.scale(1 / ratio, 1 / ratio)  # paint in whole device pixels
            module = self.module_pixels(ratio)
            side = module * len(self._matrix)
            left = (int(self.width() * ratio) - side) // 2
            top = (int(self.height() * ratio) - side) // 2
            dark = QColor(CODE_DARK)
            for y, row in enumerate(self._matrix):
                x = 0
                while x < len(row):  # one rectangle per run of dark modules
                    if not row[x]:
                        x += 1
                        continue
                    end = x
                    while end < len(row) and row[end]:
                        end += 1
                    painter.fillRect(
                        QRect(left + x * module, top + y * module, (end - x) * module, module),
                        dark,
                    )
                    x = end
        painter.end()

    def sizeHint(self) -> QSize:
        return QSize(QR_SIDE_PX, QR_SIDE_PX)


class TakeHomeCode(QWidget):
    """The code with its caption under it; hidden while the page has no ``home_url``."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = QrCode(self)
        self.caption = QLabel(self)
        self.caption.setProperty("role", "small")  # muted ink on the page: 7:1 and more
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        width = max(QR_SIDE_PX, theme.px(CAPTION_WIDTH_PX))
        self.setFixedWidth(width)
        self.caption.setFixedWidth(width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.spacing // 2)
        layout.addWidget(self.code, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.caption)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.retranslate()
        self.hide()

    def set_address(self, address: str | None) -> None:
        """The page's ``home_url`` (None: nothing to show)."""
        self.code.set_address(address)

    @property
    def has_code(self) -> bool:
        return self.code.address is not None

    def needed_height(self) -> int:
        """Height of the code and its caption, the caption wrapped at this width."""
        layout = self.layout()
        assert layout is not None
        return QR_SIDE_PX + layout.spacing() + self.caption.heightForWidth(self.width())

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Scan to read this at home"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

"""The desktop GUI (PySide6): windows, views and Qt models. Widgets call ops, never SQL."""

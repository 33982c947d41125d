"""Fact sheet and data exports: Qt-free renderers over the view-model and claim rows."""

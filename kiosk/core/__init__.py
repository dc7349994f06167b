"""The Qt-free core: the content format, schedules, the playlist and rotation, theme, dates, the timeline text.

Plain functions over plain data, tested without a QApplication. import-linter forbids Qt here.
"""

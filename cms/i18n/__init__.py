"""Translations: English pages from Vietnamese ones, the language switcher's tags, the admin in Vietnamese.
App label ``sen_i18n``."""

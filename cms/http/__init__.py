"""HTTP caching and limits: validators and 304s, the page cache, proxy purges, the API rate limit,
sign-in throttling and bad-input answers. App label ``sen_http``."""

"""FAZHI_TRUSTED_PROXIES: the client's address behind a reverse proxy (login lockout, rate limits)."""

from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, SimpleTestCase, override_settings

from fazhi.core.proxies import client_ip, parse_networks
from fazhi.core.ratelimit import RateLimit, client_address
from fazhi.core.testing import PASSWORD, BaseTestCase

PROXY = "10.0.0.5"


def forwarded(remote: str, header: str | None):  # type: ignore[no-untyped-def]
    extra = {"HTTP_X_FORWARDED_FOR": header} if header is not None else {}
    return RequestFactory().post("/", REMOTE_ADDR=remote, **extra)


class ClientAddressTests(SimpleTestCase):
    def test_without_trusted_proxies_the_forwarded_header_is_ignored(self) -> None:
        self.assertEqual(client_ip(forwarded(PROXY, "203.0.113.7")), PROXY)

    @override_settings(FAZHI_TRUSTED_PROXIES=["10.0.0.0/24"])
    def test_a_trusted_proxy_gives_the_right_most_untrusted_forwarded_address(self) -> None:
        self.assertEqual(client_ip(forwarded(PROXY, "203.0.113.7")), "203.0.113.7")
        # The client wrote "1.2.3.4" itself; our proxy appended what it saw, and a second proxy of ours too.
        self.assertEqual(client_ip(forwarded(PROXY, "1.2.3.4, 203.0.113.7, 10.0.0.9")), "203.0.113.7")

    @override_settings(FAZHI_TRUSTED_PROXIES=["10.0.0.0/24"])
    def test_a_request_not_from_a_trusted_proxy_cannot_choose_its_address(self) -> None:
        self.assertEqual(client_ip(forwarded("198.51.100.3", "203.0.113.7")), "198.51.100.3")

    @override_settings(FAZHI_TRUSTED_PROXIES=["10.0.0.5"])
    def test_a_garbled_header_counts_against_the_proxy_and_no_header_is_the_proxy_itself(self) -> None:
        self.assertEqual(client_ip(forwarded(PROXY, "not-an-address")), PROXY)
        self.assertEqual(client_ip(forwarded(PROXY, None)), PROXY)

    @override_settings(FAZHI_TRUSTED_PROXIES=["10.0.0.0/24", "::1"])
    def test_the_rate_limiter_counts_each_client_behind_the_proxy_apart(self) -> None:
        cache.clear()
        limit = RateLimit("proxy-test", limit=2, window_seconds=60)
        first, second = forwarded(PROXY, "203.0.113.7"), forwarded(PROXY, "203.0.113.8")
        self.assertEqual(client_address(first), "203.0.113.7")
        limit.hit(first)
        limit.hit(first)
        self.assertTrue(limit.exceeded(first))
        self.assertFalse(limit.exceeded(second))

    def test_a_wrong_setting_is_a_configuration_error(self) -> None:
        with self.assertRaises(ImproperlyConfigured):
            parse_networks("10.0.0.0/8, proxy.example")
        self.assertEqual(len(parse_networks("10.0.0.0/8, ::1,")), 2)


@override_settings(FAZHI_TRUSTED_PROXIES=["10.0.0.0/24"])
class LockoutBehindAProxyTests(BaseTestCase):
    def fail_login(self, address: str) -> None:
        self.client.post(
            "/accounts/login/",
            {"username": "drafter", "password": "wrong-password"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=address,
        )

    def test_one_client_locked_out_behind_the_proxy_does_not_lock_out_another(self) -> None:
        for _ in range(5):
            self.fail_login("203.0.113.7")
        locked = self.client.post(
            "/accounts/login/",
            {"username": "drafter", "password": PASSWORD},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
        self.assertEqual(locked.status_code, 429)
        other = self.client.post(
            "/accounts/login/",
            {"username": "drafter", "password": PASSWORD},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="203.0.113.8",
        )
        self.assertEqual(other.status_code, 302)

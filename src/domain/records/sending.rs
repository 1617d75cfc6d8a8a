//! How a result can leave this device: which in-app browser the app runs in (downloads fail silently there), and how
//! long the browser keeps what is stored. The browser's answers come in as arguments.

/// An in-app browser of a chat or social app, which intercepts or drops file downloads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InAppBrowser {
    /// Zalo.
    Zalo,
    /// Facebook Messenger.
    Messenger,
    /// Facebook.
    Facebook,
    /// Instagram.
    Instagram,
    /// TikTok.
    TikTok,
}

impl InAppBrowser {
    /// The in-app browser a user agent names, if any. Messenger is told from Facebook, whose marks it also carries.
    pub fn from_user_agent(ua: &str) -> Option<InAppBrowser> {
        let has = |marks: &[&str]| marks.iter().any(|m| ua.contains(m));
        if has(&["Zalo"]) {
            Some(InAppBrowser::Zalo)
        } else if has(&["Messenger", "FB_IAB/MESSENGER", "Orca-Android"]) {
            Some(InAppBrowser::Messenger)
        } else if has(&["Instagram"]) {
            Some(InAppBrowser::Instagram)
        } else if has(&["musical_ly", "TikTok", "BytedanceWebview", "trill_"]) {
            Some(InAppBrowser::TikTok)
        } else if has(&["FBAN/", "FBAV/", "FB_IAB", "FB4A", "FBIOS"]) {
            Some(InAppBrowser::Facebook)
        } else {
            None
        }
    }

    /// The app's name, as people call it (the same in Vietnamese and English).
    pub fn name(self) -> &'static str {
        match self {
            InAppBrowser::Zalo => "Zalo",
            InAppBrowser::Messenger => "Messenger",
            InAppBrowser::Facebook => "Facebook",
            InAppBrowser::Instagram => "Instagram",
            InAppBrowser::TikTok => "TikTok",
        }
    }
}

/// How long the browser keeps what the app stores (the Storage API's `persisted()`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    /// Not asked yet.
    #[default]
    Unknown,
    /// Kept until the person deletes it.
    Persistent,
    /// The browser may delete it (Safari after 7 days without a visit, when space runs low, a private window).
    BestEffort,
    /// The browser cannot say (no Storage API): treated as at risk.
    Unsupported,
}

impl Durability {
    /// Whether the answers stored here may be deleted by the browser, in this browser.
    pub fn at_risk(self, in_app: Option<InAppBrowser>) -> bool {
        in_app.is_some() || matches!(self, Durability::BestEffort | Durability::Unsupported)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_app_browsers_from_real_user_agents() {
        let cases = [
            (
                "Mozilla/5.0 (Linux; Android 12; SM-A125F Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 Zalo android/12100638 ZaloTheme/light ZaloLanguage/vn",
                Some(InAppBrowser::Zalo),
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Zalo iOS/476 ZaloTheme/dark ZaloLanguage/vn",
                Some(InAppBrowser::Zalo),
            ),
            (
                "Mozilla/5.0 (Linux; Android 13; Redmi Note 12 Build/TKQ1.221114.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/121.0.6167.101 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/449.0.0.40.107;]",
                Some(InAppBrowser::Facebook),
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/440.0.0.33.116;FBBV/541235446;FBDV/iPhone12,1;FBMD/iPhone;FBSN/iOS;FBSV/16.6;FBSS/2;FBID/phone;FBLC/vi_VN;FBOP/5]",
                Some(InAppBrowser::Facebook),
            ),
            (
                "Mozilla/5.0 (Linux; Android 11; V2027 Build/RP1A.200720.012; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/118.0.5993.111 Mobile Safari/537.36 [FB_IAB/Orca-Android;FBAV/435.0.0.36.108;]",
                Some(InAppBrowser::Messenger),
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/MessengerForiOS;FBAV/437.0.0.41.106;FBBV/532045484]",
                Some(InAppBrowser::Messenger),
            ),
            (
                "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Instagram 311.0.0.32.118 Android (29/10; 420dpi; 1080x2200; OPPO; CPH2083; OP4BA5L1; qcom; vi_VN; 549398571)",
                Some(InAppBrowser::Instagram),
            ),
            (
                "Mozilla/5.0 (Linux; Android 12; 22101316G Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/110.0.5481.154 Mobile Safari/537.36 trill_320005 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/musical_ly app_version/32.0.5 ByteLocale/vi BytedanceWebview/d8a21c6",
                Some(InAppBrowser::TikTok),
            ),
            (
                "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
                None,
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
                None,
            ),
        ];
        for (ua, want) in cases {
            assert_eq!(InAppBrowser::from_user_agent(ua), want, "{ua}");
        }
    }

    #[test]
    fn what_is_at_risk() {
        assert!(!Durability::Persistent.at_risk(None));
        assert!(Durability::Persistent.at_risk(Some(InAppBrowser::Zalo)));
        assert!(Durability::BestEffort.at_risk(None));
        assert!(Durability::Unsupported.at_risk(None));
        assert!(!Durability::Unknown.at_risk(None));
    }
}

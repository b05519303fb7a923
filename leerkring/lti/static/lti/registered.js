// LTI Dynamic Registration: tell the platform that registering is done, so it
// closes the window or frame it opened Leerkring in.
(window.opener || window.parent).postMessage({ subject: "org.imsglobal.lti.close" }, "*");

// GOV.UK Frontend's first step, at the top of <body>: mark the page as having JavaScript, and as
// supported when the browser runs ES modules. A file rather than inline, for the
// Content-Security-Policy (script-src 'self').
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");

package org.pmoresearch.catalogue.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Serves the admin page (static files under {@code static/admin/catalogue}) at {@code /admin/catalogue/}. */
@Hidden
@Controller
class AdminPageController {

    @GetMapping("/admin/catalogue")
    String withTrailingSlash() {
        return "redirect:/admin/catalogue/";
    }

    @GetMapping("/admin/catalogue/")
    String page() {
        return "forward:/admin/catalogue/index.html";
    }
}

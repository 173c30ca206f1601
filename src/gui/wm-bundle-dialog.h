/* wm-bundle-dialog.h
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-bundle.h"
#include "wm-pupil-object.h"
#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_BUNDLE_DIALOG (wm_bundle_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WmBundleDialog, wm_bundle_dialog, WM, BUNDLE_DIALOG, AdwWindow)

WmBundleDialog *wm_bundle_dialog_present      (GtkWidget        *anchor,
                                               WmStore          *store,
                                               WmPupilObject    *pupil,
                                               gboolean          for_print);
gboolean        wm_bundle_dialog_get_options  (WmBundleDialog   *self,
                                               WmBundleOptions  *out_options,
                                               GError          **error);
void            wm_bundle_dialog_set_period   (WmBundleDialog   *self,
                                               WmDay             from,
                                               WmDay             to);
void            wm_bundle_dialog_set_section  (WmBundleDialog   *self,
                                               WmBundleSections  section,
                                               gboolean          included);
void            wm_bundle_dialog_choose_file  (WmBundleDialog   *self);
void            wm_bundle_dialog_export       (WmBundleDialog   *self,
                                               GFile            *file);
void            wm_bundle_dialog_print        (WmBundleDialog   *self,
                                               GFile            *export_file);
void            wm_bundle_dialog_cancel       (WmBundleDialog   *self);
gboolean        wm_bundle_dialog_is_busy      (WmBundleDialog   *self);

G_END_DECLS
